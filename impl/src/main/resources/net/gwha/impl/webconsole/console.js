// Gateway HA console: reads and changes the clusters through RESTCONF on this origin (same authentication as this
// page), and re-reads them when a RESTCONF data-change stream says they changed; it never polls.
'use strict';

const REST = '/rests';
const GATEWAY_FIELDS = ['name', 'priority', 'ip-address', 'ipv6-link-local', 'mac-address', 'node-id', 'port-number',
    'admin-state'];
const NUMBERS = new Set(['vrid', 'vlan', 'heartbeat-interval', 'dead-interval', 'hold-up', 'preempt-delay', 'priority',
    'port-number']);
const LISTS = new Set(['virtual-ip', 'switch']);
// The validator's field names (Violation.field) that name no input of their own, mapped to the one to mark.
const FIELD_ALIASES = { 'attachment': 'node-id', 'attachment node-id': 'node-id', 'attachment port-number':
    'port-number', 'gateway': 'gateway-table' };

let configs = new Map();
let editing = null;
let refreshing = null;
let lastRead = 0;

function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
        if (value !== undefined && value !== null && value !== false) {
            node.setAttribute(key, value === true ? '' : value);
        }
    }
    for (const child of children) {
        if (child !== undefined && child !== null) {
            node.append(child instanceof Node ? child : String(child));
        }
    }
    return node;
}

async function restconf(method, path, body) {
    const response = await fetch(REST + path, {
        method,
        headers: { 'Accept': 'application/json', 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json = null;
    try {
        json = text ? JSON.parse(text) : null;
    } catch (e) {
        json = null;
    }
    return { status: response.status, ok: response.ok, json };
}

function errorsOf(json) {
    return json && json['ietf-restconf:errors'] ? json['ietf-restconf:errors'].error
        : json && json.errors ? json.errors.error : [];
}

function notice(text, failed) {
    const box = document.getElementById('notice');
    box.textContent = text;
    box.className = failed ? 'failed' : '';
    box.hidden = false;
}

// ---- reading and showing the clusters

async function load() {
    const [config, state] = await Promise.all([
        restconf('GET', '/data/gwha:clusters?content=config'),
        restconf('GET', '/data/gwha:cluster-states?content=nonconfig'),
    ]);
    // An empty datastore answers 404 or 409 data-missing: no clusters.
    const clusters = config.ok ? config.json['gwha:clusters'].cluster || [] : [];
    const states = state.ok ? state.json['gwha:cluster-states']['cluster-state'] || [] : [];
    configs = new Map(clusters.map(cluster => [cluster.name, cluster]));
    render(clusters, new Map(states.map(s => [s.name, s])));
}

function refreshSoon() {
    // Changes come in bursts (a failover writes several nodes) and the heartbeat counters change all the time:
    // one read per burst, and at most one a second.
    if (refreshing === null) {
        const wait = Math.max(150, lastRead + 1000 - Date.now());
        refreshing = setTimeout(() => {
            refreshing = null;
            lastRead = Date.now();
            load().catch(e => notice('Reading the clusters failed: ' + e, true));
        }, wait);
    }
}

function render(clusters, states) {
    const main = document.getElementById('clusters');
    main.replaceChildren();
    if (clusters.length === 0) {
        main.append(el('p', { class: 'empty' }, 'No cluster is configured.'));
    }
    for (const cluster of clusters) {
        main.append(clusterSection(cluster, states.get(cluster.name) || { status: 'starting' }));
    }
}

function clusterSection(cluster, state) {
    const status = state.status || 'starting';
    const edit = el('button', { type: 'button', class: 'edit' }, 'Edit');
    edit.addEventListener('click', () => openEditor(cluster));
    return el('section', { class: 'cluster', 'data-cluster': cluster.name },
        el('h2', {},
            el('span', { class: 'name' }, cluster.name),
            el('span', { class: 'vips' }, (cluster['virtual-ip'] || []).join(', ')),
            el('span', { class: 'status status-' + status }, status),
            el('span', {}, 'active: ', el('strong', { class: 'active-gateway' }, state['active-gateway'] || '—')),
            state['active-since'] ? el('small', {}, 'since ' + time(state['active-since'])) : null,
            edit),
        gatewayTable(cluster, state),
        (state.partition || []).length ? el('p', {}, 'Partitioned: ' + state.partition.map(p =>
            p.id + ' → ' + (p['active-gateway'] || 'none')).join('; ')) : null,
        el('h3', {}, 'Failover history'),
        historyTable(state['failover-event'] || []));
}

function gatewayTable(cluster, state) {
    const live = new Map((state['gateway-state'] || []).map(g => [g.name, g]));
    const body = el('tbody');
    for (const gateway of cluster.gateway || []) {
        const g = live.get(gateway.name) || {};
        const gstate = g.state || 'unknown';
        const inMaintenance = gateway['admin-state'] === 'maintenance';
        const switchOver = el('button', { type: 'button', class: 'switch-over',
            disabled: state['active-gateway'] === gateway.name }, 'Make active');
        switchOver.addEventListener('click', () => operate('switch-over', cluster.name, gateway.name,
            `Make ${gateway.name} the active gateway of ${cluster.name}?`, {}));
        const maintenance = el('button', { type: 'button', class: 'maintenance' },
            inMaintenance ? 'Back in service' : 'Maintenance');
        maintenance.addEventListener('click', () => operate('set-maintenance', cluster.name, gateway.name,
            inMaintenance ? `Put ${gateway.name} of ${cluster.name} back in service?`
                : `Put ${gateway.name} of ${cluster.name} into maintenance (drained at once, never elected)?`,
            { enabled: !inMaintenance }));
        body.append(el('tr', { 'data-gateway': gateway.name },
            el('td', {}, gateway.name),
            el('td', {}, el('span', { class: 'state state-' + gstate }, gstate)),
            el('td', { class: 'num' }, gateway.priority),
            el('td', { class: 'num' }, g['advertised-priority'] ?? '—'),
            el('td', { class: 'num' }, g['effective-priority'] ?? '—'),
            el('td', {}, g['last-heard'] ? time(g['last-heard']) : 'never'),
            el('td', { class: 'num' }, g['heartbeats-accepted'] ?? 0),
            el('td', { class: 'num' }, g['heartbeats-malformed'] ?? 0),
            el('td', { class: 'num' }, g['heartbeats-spoofed'] ?? 0),
            el('td', {}, switchOver, ' ', maintenance)));
    }
    return el('table', { class: 'gateways' },
        el('thead', {}, el('tr', {}, ...['Gateway', 'State', 'Configured', 'Advertised', 'Effective', 'Last heard',
            'Accepted', 'Malformed', 'Spoofed', ''].map(h => el('th', {}, h)))),
        body);
}

function historyTable(events) {
    const body = el('tbody');
    for (const event of [...events].sort((a, b) => Number(b.sequence) - Number(a.sequence))) {
        body.append(el('tr', { 'data-sequence': event.sequence },
            el('td', { class: 'num' }, event.sequence),
            el('td', {}, time(event['decision-time'])),
            el('td', {}, (event['from-gateway'] || '—') + ' → ' + (event['to-gateway'] || '—')),
            el('td', { class: 'cause' }, event.cause),
            el('td', { class: 'num' }, millis(event['detection-latency'])),
            el('td', { class: 'num' }, millis(event['programming-latency'])),
            el('td', {}, event.partition || '')));
    }
    return el('table', { class: 'history' },
        el('thead', {}, el('tr', {}, ...['#', 'Decided', 'Change', 'Cause', 'Detection', 'Programming', 'Partition']
            .map(h => el('th', {}, h)))),
        body);
}

function time(dateAndTime) {
    return dateAndTime ? dateAndTime.replace('T', ' ').replace(/(\.\d{3})\d*/, '$1').replace(/Z$/, ' UTC') : '—';
}

function millis(value) {
    return value === undefined ? '—' : Number(value).toFixed(1) + ' ms';
}

// ---- operations, each after a confirmation

function confirmed(text) {
    const dialog = document.getElementById('confirm');
    document.getElementById('confirm-text').textContent = text;
    dialog.returnValue = '';
    dialog.showModal();
    return new Promise(resolve => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'),
        { once: true }));
}

async function operate(rpc, cluster, gateway, question, extra) {
    if (!await confirmed(question)) {
        return;
    }
    const answer = await restconf('POST', '/operations/gwha:' + rpc, { input: { cluster, gateway, ...extra } });
    if (answer.ok) {
        notice(`${rpc} ${cluster} ${gateway}: done`, false);
    } else {
        const errors = errorsOf(answer.json);
        notice(`${rpc} ${cluster} ${gateway} refused: ` + (errors.length ? errors.map(e => e['error-message'])
            .join('; ') : 'HTTP ' + answer.status), true);
    }
    refreshSoon();
}

// ---- the cluster form

function openEditor(cluster) {
    editing = cluster;
    const form = document.getElementById('cluster-form');
    form.reset();
    clearErrors();
    document.getElementById('editor-title').textContent = cluster ? 'Edit cluster ' + cluster.name : 'New cluster';
    const value = cluster || { preempt: true, gateway: [{}, {}] };
    for (const input of form.querySelectorAll('.fields [name]')) {
        const v = value[input.name];
        if (input.type === 'checkbox') {
            input.checked = v === undefined ? input.name === 'preempt' : v;
        } else {
            input.value = v === undefined ? '' : Array.isArray(v) ? v.join(', ') : v;
        }
    }
    form.elements.name.readOnly = Boolean(cluster);
    const rows = document.getElementById('gateway-rows');
    rows.replaceChildren();
    for (const gateway of value.gateway || []) {
        rows.append(gatewayRow(gateway));
    }
    const editor = document.getElementById('editor');
    editor.hidden = false;
    editor.scrollIntoView();
}

function gatewayRow(gateway) {
    const values = { ...gateway, 'node-id': gateway.attachment?.['node-id'],
        'port-number': gateway.attachment?.['port-number'] };
    const row = el('tr', { 'data-gateway': gateway.name || '' });
    for (const field of GATEWAY_FIELDS) {
        const input = field === 'admin-state'
            ? el('select', { name: field }, el('option', {}, 'in-service'), el('option', {}, 'maintenance'))
            : el('input', { name: field, type: NUMBERS.has(field) ? 'number' : 'text' });
        input.value = values[field] ?? (field === 'admin-state' ? 'in-service' : '');
        row.append(el('td', {}, input));
    }
    const remove = el('button', { type: 'button' }, 'Remove');
    remove.addEventListener('click', () => row.remove());
    row.append(el('td', {}, remove));
    return row;
}

function leafValue(input) {
    if (input.type === 'checkbox') {
        return input.checked;
    }
    const text = input.value.trim();
    if (text === '') {
        return undefined;
    }
    if (LISTS.has(input.name)) {
        return text.split(/[\s,]+/).filter(Boolean);
    }
    return NUMBERS.has(input.name) && /^\d+$/.test(text) ? Number(text) : text;
}

function formCluster(form) {
    // Leaves the form does not show (failure detector, punt meters) keep their configured values.
    const cluster = structuredClone(editing || {});
    for (const input of form.querySelectorAll('.fields [name]')) {
        const value = leafValue(input);
        if (value === undefined) {
            delete cluster[input.name];
        } else {
            cluster[input.name] = value;
        }
    }
    const before = new Map((editing?.gateway || []).map(g => [g.name, g]));
    cluster.gateway = [...document.querySelectorAll('#gateway-rows tr')].map(row => {
        const gateway = structuredClone(before.get(row.querySelector('[name=name]').value.trim()) || {});
        const attachment = {};
        for (const input of row.querySelectorAll('[name]')) {
            const value = leafValue(input);
            const target = input.name === 'node-id' || input.name === 'port-number' ? attachment : gateway;
            if (value === undefined) {
                delete target[input.name];
            } else {
                target[input.name] = value;
            }
        }
        gateway.attachment = attachment;
        return gateway;
    });
    return cluster;
}

async function save(event) {
    event.preventDefault();
    const form = event.target;
    clearErrors();
    const cluster = formCluster(form);
    if (!cluster.name) {
        markField(form.elements.name, 'A cluster needs a name.');
        return;
    }
    const answer = await restconf('PUT', '/data/gwha:clusters/cluster=' + encodeURIComponent(cluster.name),
        { 'gwha:cluster': [cluster] });
    if (answer.ok) {
        notice(`Cluster ${cluster.name} saved.`, false);
        document.getElementById('editor').hidden = true;
        refreshSoon();
        return;
    }
    const errors = errorsOf(answer.json);
    if (errors.length === 0) {
        formError('HTTP ' + answer.status);
    }
    for (const error of errors) {
        showRefusal(form, error['error-message'] || error['error-tag'], error['error-path']);
    }
}

// The validator's message names the field ("cluster 'lan1': gateway 'gw2' mac-address 02:… is …", several joined
// by "; "); a refusal of the YANG types names it in the error-path instead.
function showRefusal(form, message, path) {
    for (const part of String(message).split(/; (?=cluster ')/)) {
        const named = /^cluster '[^']*': (?:gateway '([^']*)' )?(.*)$/.exec(part);
        const target = named ? fieldNamed(form, named[1], named[2]) : pathTarget(form, path);
        if (target) {
            markField(target, path ? `${part} (${path})` : part);
        } else {
            formError(path ? `${part} (${path})` : part);
        }
    }
}

function fieldNamed(form, gateway, rest) {
    const names = [...Object.keys(FIELD_ALIASES), ...GATEWAY_FIELDS,
        ...[...form.querySelectorAll('.fields [name]')].map(input => input.name)];
    const field = names.filter(name => rest === name || rest.startsWith(name + ' '))
        .sort((a, b) => b.length - a.length)[0];
    return field === undefined ? null : inputFor(form, gateway, FIELD_ALIASES[field] || field);
}

function pathTarget(form, path) {
    if (!path) {
        return null;
    }
    const gateway = /gateway(?:=|\[[^=]*name='?)([A-Za-z0-9._-]+)/.exec(path);
    const leaf = /([a-z0-9-]+)(?:\[[^\]]*\])?\/?$/.exec(path);
    return leaf ? inputFor(form, gateway ? decodeURIComponent(gateway[1]) : undefined, leaf[1]) : null;
}

function inputFor(form, gateway, field) {
    if (field === 'gateway-table') {
        return document.getElementById('gateway-table');
    }
    if (gateway !== undefined) {
        const row = [...document.querySelectorAll('#gateway-rows tr')]
            .find(r => r.querySelector('[name=name]').value.trim() === gateway);
        return row ? row.querySelector(`[name="${field}"]`) : null;
    }
    return form.querySelector(`.fields [name="${field}"]`);
}

function markField(input, message) {
    input.classList.add('invalid');
    input.setAttribute('aria-invalid', 'true');
    input.insertAdjacentElement('afterend', el('span', { class: 'error', 'data-error-for': input.name || input.id },
        message));
}

function formError(message) {
    const box = document.getElementById('form-error');
    box.textContent = (box.hidden ? '' : box.textContent + ' ') + message;
    box.hidden = false;
}

function clearErrors() {
    document.querySelectorAll('#cluster-form span.error').forEach(span => span.remove());
    document.querySelectorAll('#cluster-form .invalid, #gateway-table.invalid').forEach(input => {
        input.classList.remove('invalid');
        input.removeAttribute('aria-invalid');
    });
    const box = document.getElementById('form-error');
    box.hidden = true;
    box.textContent = '';
}

// ---- live updates: RESTCONF data-change streams (server-sent events) on the state and the configuration

const streams = new Map();

async function streamLocation(path, datastore) {
    const created = await restconf('POST', '/operations/sal-remote:create-data-change-event-subscription',
        { input: { path, 'sal-remote-augment:datastore': datastore } });
    if (!created.ok) {
        throw new Error(`no data-change stream for ${path}: HTTP ${created.status}`);
    }
    const name = created.json['sal-remote:output']['stream-name'];
    const listed = await restconf('GET', '/data/ietf-restconf-monitoring:restconf-state/streams?content=nonconfig');
    const stream = (listed.json?.['ietf-restconf-monitoring:streams']?.stream || []).find(s => s.name === name);
    const access = stream?.access?.find(a => a.encoding === 'json');
    if (!access) {
        throw new Error(`stream ${name} has no JSON location`);
    }
    // The location names the host RESTCONF saw; keep this page's origin (and its credentials).
    const url = new URL(access.location, location.href);
    return url.pathname + url.search;
}

async function watch(path, datastore) {
    try {
        const source = new EventSource(await streamLocation(path, datastore));
        streams.set(path, source);
        source.onopen = () => {
            liveIndicator();
            refreshSoon();
        };
        source.onmessage = refreshSoon;
        source.onerror = () => {
            liveIndicator();
            if (source.readyState === EventSource.CLOSED) {
                // The server dropped the stream (a restart): make a new one.
                streams.delete(path);
                setTimeout(() => watch(path, datastore), 5000);
            }
        };
    } catch (e) {
        liveIndicator(String(e));
        setTimeout(() => watch(path, datastore), 5000);
    }
}

function liveIndicator(problem) {
    const open = [...streams.values()].filter(s => s.readyState === EventSource.OPEN).length;
    const live = document.getElementById('live');
    const on = open === 2 && !problem;
    live.className = 'live ' + (on ? 'on' : 'off');
    live.textContent = on ? 'live' : 'reconnecting';
    live.title = problem || (on ? 'Updates from RESTCONF data-change streams' : 'Waiting for the streams');
}

document.addEventListener('DOMContentLoaded', () => {
    document.getElementById('cluster-form').addEventListener('submit', save);
    document.getElementById('add-gateway').addEventListener('click', () =>
        document.getElementById('gateway-rows').append(gatewayRow({})));
    document.getElementById('new-cluster').addEventListener('click', () => openEditor(null));
    document.getElementById('cancel-edit').addEventListener('click', () => {
        document.getElementById('editor').hidden = true;
    });
    load().catch(e => notice('Reading the clusters failed: ' + e, true));
    watch('/gwha:cluster-states', 'OPERATIONAL');
    watch('/gwha:clusters', 'CONFIGURATION');
});

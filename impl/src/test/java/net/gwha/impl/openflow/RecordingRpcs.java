/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.openflow;

import com.google.common.util.concurrent.Futures;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.yangtools.binding.Rpc;
import org.opendaylight.yangtools.binding.RpcInput;
import org.opendaylight.yangtools.binding.RpcOutput;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;

/**
 * openflowplugin's RPCs as a switch that takes everything: each call is recorded (RPC name and input) and succeeds
 * at once, with no output unless one was set ({@link #answer}). The boundary the writer talks to; no broker
 * behind it.
 */
public final class RecordingRpcs implements RpcService {
    /** One call: the RPC's simple name and its input. */
    public record Call(String rpc, RpcInput input) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final java.util.Map<String, String> failNext = new java.util.HashMap<>();
    private final java.util.Map<String, RpcOutput> answers = new java.util.HashMap<>();

    /** The next call of this RPC fails as openflowplugin reports a switch's error. */
    synchronized void failNext(final String rpc, final String message) {
        failNext.put(rpc, message);
    }

    /** Every call of this RPC answers with this output, as a switch's statistics reply. */
    synchronized void answer(final String rpc, final RpcOutput output) {
        answers.put(rpc, output);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Rpc<?, ?>> T getRpc(final Class<T> rpcInterface) {
        return (T) Proxy.newProxyInstance(rpcInterface.getClassLoader(), new Class<?>[] { rpcInterface },
            (proxy, method, args) -> switch (method.getName()) {
                case "invoke" -> {
                    final String failure;
                    final RpcOutput output;
                    synchronized (this) {
                        calls.add(new Call(rpcInterface.getSimpleName(), (RpcInput) args[0]));
                        failure = failNext.remove(rpcInterface.getSimpleName());
                        output = answers.get(rpcInterface.getSimpleName());
                    }
                    yield Futures.immediateFuture(failure == null ? RpcResultBuilder.success(output).build()
                        : RpcResultBuilder.failed().withError(ErrorType.APPLICATION, failure).build());
                }
                case "implementedInterface" -> rpcInterface;
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                case "toString" -> "recording " + rpcInterface.getSimpleName();
                default -> throw new UnsupportedOperationException(method.getName());
            });
    }

    /** The calls so far, kept. */
    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The calls so far, forgotten here. */
    public synchronized List<Call> takeCalls() {
        final var taken = List.copyOf(calls);
        calls.clear();
        return taken;
    }
}

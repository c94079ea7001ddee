/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.config;

import com.google.common.util.concurrent.FluentFuture;
import java.util.Collection;
import java.util.stream.Collectors;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.common.api.PostCanCommitStep;
import org.opendaylight.mdsal.common.api.TransactionCommitFailedException;
import org.opendaylight.mdsal.dom.api.DOMDataBroker;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCandidate;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCommitCohort;
import org.opendaylight.mdsal.dom.api.DOMDataTreeIdentifier;
import org.opendaylight.netconf.api.NetconfDocumentedException;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.Clusters;
import org.opendaylight.yangtools.binding.DataObjectReference;
import org.opendaylight.yangtools.binding.data.codec.api.BindingNormalizedNodeSerializer;
import org.opendaylight.yangtools.binding.data.codec.spi.BindingDOMCodecServices;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.util.concurrent.FluentFutures;
import org.opendaylight.yangtools.yang.common.ErrorSeverity;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.opendaylight.yangtools.yang.data.tree.api.DataValidationFailedException;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Refuses a configuration transaction that breaks a {@link ClusterValidator} rule before it commits, so a
 * RESTCONF write answers with the violations and the datastore keeps the previous good configuration.
 *
 * <p>The datastore does not evaluate YANG 'must' expressions, and in this release the binding layer exposes no
 * commit-cohort registry, so this cohort sits on the DOM broker and decodes the candidate through the codec.
 */
@Component(service = { })
public final class ClusterConfigCohort implements DOMDataTreeCommitCohort, AutoCloseable {
    private final BindingNormalizedNodeSerializer codec;
    private final Registration registration;

    @Activate
    public ClusterConfigCohort(@Reference final DOMDataBroker broker,
            @Reference final BindingDOMCodecServices codec) {
        this.codec = codec;
        // Only the distributed datastore offers cohorts; mdsal's in-memory test broker does not.
        final var cohorts = broker.extension(DOMDataBroker.CommitCohortExtension.class);
        if (cohorts == null) {
            throw new IllegalStateException("The data broker accepts no commit cohorts: configuration cannot be "
                + "validated");
        }
        registration = cohorts.registerCommitCohort(DOMDataTreeIdentifier.of(LogicalDatastoreType.CONFIGURATION,
            codec.toYangInstanceIdentifier(DataObjectReference.builder(Clusters.class).build())), this);
    }

    @Override
    public FluentFuture<PostCanCommitStep> canCommit(final Object txId, final EffectiveModelContext ctx,
            final Collection<DOMDataTreeCandidate> candidates) {
        return validate(codec, candidates);
    }

    static FluentFuture<PostCanCommitStep> validate(final BindingNormalizedNodeSerializer codec,
            final Collection<DOMDataTreeCandidate> candidates) {
        for (var candidate : candidates) {
            final var after = candidate.getRootNode().dataAfter();
            if (after == null) {
                // Deleting every cluster is always valid.
                continue;
            }
            final var path = candidate.getRootPath().path();
            final var violations = ClusterValidator.validate((Clusters) codec.fromNormalizedNode(path, after)
                .getValue());
            if (!violations.isEmpty()) {
                final var message = violations.stream().map(Violation::message).collect(Collectors.joining("; "));
                // The broker passes a TransactionCommitFailedException through unchanged (anything else becomes
                // "canCommit encountered an unexpected failure"), and RESTCONF answers with the error type, tag
                // and message of a NetconfDocumentedException it finds among the causes: invalid-value is a 400.
                final var refusal = new NetconfDocumentedException(message,
                    new DataValidationFailedException(path, message), ErrorType.APPLICATION, ErrorTag.INVALID_VALUE,
                    ErrorSeverity.ERROR);
                return FluentFutures.immediateFailedFluentFuture(new TransactionCommitFailedException(message,
                    refusal, RpcResultBuilder.newError(ErrorType.APPLICATION, ErrorTag.INVALID_VALUE, message)));
            }
        }
        return PostCanCommitStep.NOOP_SUCCESSFUL_FUTURE;
    }

    @Override
    @Deactivate
    public void close() {
        registration.close();
    }
}

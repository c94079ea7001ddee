/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.config;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.gwha.impl.state.StartingStates;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.common.api.PostCanCommitStep;
import org.opendaylight.mdsal.common.api.PostPreCommitStep;
import org.opendaylight.mdsal.common.api.ThreePhaseCommitStep;
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
 * RESTCONF write answers with the violations and the datastore keeps the previous good configuration. A valid one
 * that adds clusters gives each its state entry, status {@code starting}, before the commit returns
 * ({@link StartingStates}): the datastore waits for a cohort's commit step before it answers.
 *
 * <p>The datastore does not evaluate YANG 'must' expressions, and in this release the binding layer exposes no
 * commit-cohort registry, so this cohort sits on the DOM broker and decodes the candidate through the codec.
 */
@Component(service = { })
public final class ClusterConfigCohort implements DOMDataTreeCommitCohort, AutoCloseable {
    private final BindingNormalizedNodeSerializer codec;
    private final DataBroker states;
    private final Registration registration;

    @Activate
    public ClusterConfigCohort(@Reference final DOMDataBroker broker,
            @Reference final BindingDOMCodecServices codec, @Reference final DataBroker states) {
        this.codec = codec;
        this.states = states;
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
        return validate(codec, candidates, added -> StartingStates.write(states, added));
    }

    /**
     * Refuses the candidates if they break a rule; else the step that, on commit, hands {@code starting} the
     * clusters they add.
     */
    static FluentFuture<PostCanCommitStep> validate(final BindingNormalizedNodeSerializer codec,
            final Collection<DOMDataTreeCandidate> candidates,
            final Function<Set<String>, ListenableFuture<?>> starting) {
        final var added = new TreeSet<String>();
        for (var candidate : candidates) {
            final var after = candidate.getRootNode().dataAfter();
            if (after == null) {
                // Deleting every cluster is always valid.
                continue;
            }
            final var path = candidate.getRootPath().path();
            final var clusters = (Clusters) codec.fromNormalizedNode(path, after).getValue();
            final var violations = ClusterValidator.validate(clusters);
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
            added.addAll(names(clusters));
            final var before = candidate.getRootNode().dataBefore();
            if (before != null) {
                added.removeAll(names((Clusters) codec.fromNormalizedNode(path, before).getValue()));
            }
        }
        return added.isEmpty() ? PostCanCommitStep.NOOP_SUCCESSFUL_FUTURE
            : FluentFutures.immediateFluentFuture(new StartingStep(Set.copyOf(added), starting));
    }

    private static Set<String> names(final Clusters clusters) {
        return clusters.nonnullCluster().keySet().stream().map(key -> key.getName().getValue())
            .collect(Collectors.toSet());
    }

    /** Once the configuration is committed, the clusters it added get their starting state. */
    private record StartingStep(Set<String> added, Function<Set<String>, ListenableFuture<?>> starting)
            implements PostCanCommitStep, PostPreCommitStep {
        @Override
        public ListenableFuture<? extends PostPreCommitStep> preCommit() {
            return Futures.immediateFuture(this);
        }

        /**
         * Completes with null once the states are written: the distributed datastore's cohort actor takes a commit
         * future's value as the next commit step, so the write's own result (a CommitInfo) there threw a
         * ClassCastException, the actor never replied, and every commit that added clusters waited out its 5 s
         * cohort timeout.
         */
        @Override
        public ListenableFuture<?> commit() {
            return Futures.transform(starting.apply(added), written -> null, MoreExecutors.directExecutor());
        }

        @Override
        public ListenableFuture<?> abort() {
            return ThreePhaseCommitStep.NOOP_ABORT_FUTURE;
        }
    }

    @Override
    @Deactivate
    public void close() {
        registration.close();
    }
}

/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure, as the data flows: intake and configuration feed the engine, the engine's decisions go
 * out through steering and state, operations sit over one service, and the runtime wires them together.
 */
class ArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages("net.gwha.impl");
    }

    @Test
    void noPackageCycles() {
        final ArchRule rule = slices().matching("net.gwha.impl.(*)..").should().beFreeOfCycles();
        rule.check(main);
    }

    @Test
    void engineIsPure() {
        final ArchRule rule = classes().that().resideInAPackage("net.gwha.impl.engine..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "net.gwha.impl.engine..",
                "org.eclipse.jdt.annotation..")
            .because("the engine is reasoned about and tested alone: no OpenDaylight, OSGi or logging types");
        rule.check(main);
    }

    @Test
    void packetCodecsArePure() {
        final ArchRule rule = classes().that().resideInAPackage("net.gwha.impl.packet..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "net.gwha.impl.engine..",
                "net.gwha.impl.packet..", "org.eclipse.jdt.annotation..")
            .because("decoding a frame needs no controller; the fuzz test runs the decoder alone");
        rule.check(main);
    }

    @Test
    void adaptersDoNotReachForTheRuntime() {
        final ArchRule rule = noClasses().that()
            .resideInAnyPackage("net.gwha.impl.intake..", "net.gwha.impl.steering..", "net.gwha.impl.config..",
                "net.gwha.impl.state..", "net.gwha.impl.ops..", "net.gwha.impl.packet..",
                "net.gwha.impl.metrics..", "net.gwha.impl.webconsole..")
            .should().dependOnClassesThat().resideInAPackage("net.gwha.impl.runtime..")
            .because("adapters talk to small interfaces of their own; only the runtime knows them all");
        rule.check(main);
    }

    @Test
    void prometheusStaysInTheMetrics() {
        final ArchRule rule = noClasses().that().resideOutsideOfPackage("net.gwha.impl.metrics..")
            .should().dependOnClassesThat().resideInAPackage("io.prometheus..")
            .because("the runtime feeds the metrics through their own methods; only they know the client library");
        rule.check(main);
    }

    @Test
    void theWebConsoleGoesThroughRestconf() {
        final ArchRule rule = noClasses().that().resideInAPackage("net.gwha.impl.webconsole..")
            .should().dependOnClassesThat().resideInAnyPackage("net.gwha.impl.engine..", "net.gwha.impl.state..",
                "net.gwha.impl.config..", "net.gwha.impl.ops..", "net.gwha.impl.intake..",
                "net.gwha.impl.steering..", "org.opendaylight.mdsal..")
            .because("the page reads, changes and watches the clusters over RESTCONF, with its checks and errors");
        rule.check(main);
    }

    @Test
    void intakeDoesNotSteer() {
        final ArchRule rule = noClasses().that().resideInAPackage("net.gwha.impl.intake..")
            .should().dependOnClassesThat().resideInAnyPackage("net.gwha.impl.steering..", "net.gwha.impl.state..",
                "net.gwha.impl.ops..")
            .because("what comes in becomes events; only the engine's decisions drive the outputs");
        rule.check(main);
    }

    @Test
    void outputsDoNotReadTheIntake() {
        final ArchRule rule = noClasses().that()
            .resideInAnyPackage("net.gwha.impl.steering..", "net.gwha.impl.state..", "net.gwha.impl.config..")
            .should().dependOnClassesThat().resideInAPackage("net.gwha.impl.intake..")
            .because("data flows one way: intake to engine to outputs");
        rule.check(main);
    }
}

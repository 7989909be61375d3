package org.ferworkbench.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Keeps the shape of the code: a UI-free core under thin front ends. */
class ArchitectureTest {
    /** The production classes only, wherever the build directory is (-Dbuild.dir): test tools may print. */
    private final JavaClasses classes = new ClassFileImporter()
            .importPath(mainClasses());

    private static java.nio.file.Path mainClasses() {
        try {
            return java.nio.file.Path.of(org.ferworkbench.Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void coreNeverImportsJavaFx() {
        noClasses().that().resideInAPackage("org.ferworkbench.core..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.kordamp..")
                .check(classes);
    }

    @Test
    void coreKnowsNoFrontEnd() {
        noClasses().that().resideInAPackage("org.ferworkbench.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.ferworkbench.cli..", "org.ferworkbench.ui..", "picocli..")
                .check(classes);
    }

    @Test
    void theDesktopAppKnowsNoCommandLine() {
        noClasses().that().resideInAPackage("org.ferworkbench.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("org.ferworkbench.cli..", "picocli..")
                .check(classes);
    }

    /**
     * ui.common is the shared infrastructure the features build on (task executor, dialogs, preferences, theme,
     * frames): it knows no other ui package. Every other package under ui counts as a feature here, ui.session
     * (the open dataset, shared by the features) and ui.startup (start-up tuning) included; the composition root
     * that knows them all is ui.app.
     */
    @Test
    void sharedUiInfrastructureKnowsNoFeature() {
        noClasses().that().resideInAPackage("org.ferworkbench.ui.common..")
                .should().dependOnClassesThat(resideInAPackage("org.ferworkbench.ui..")
                        .and(resideOutsideOfPackage("org.ferworkbench.ui.common..")))
                .check(classes);
    }

    /** The start-up sequence is handed its steps by the views; it knows none of them. */
    @Test
    void theStartUpSequenceKnowsNoFeature() {
        noClasses().that().resideInAPackage("org.ferworkbench.ui.startup..")
                .should().dependOnClassesThat(resideInAPackage("org.ferworkbench.ui..")
                        .and(resideOutsideOfPackages("org.ferworkbench.ui.common..", "org.ferworkbench.ui.startup..")))
                .check(classes);
    }

    @Test
    void onlyTheCommandLinePrintsToTheConsole() {
        noClasses().that().resideOutsideOfPackages("org.ferworkbench.cli..", "org.ferworkbench")
                .should(ACCESS_STANDARD_STREAMS)
                .check(classes);
    }

    /** The packages of core form layers (dataset, image, face ... plan ... pipeline), never a cycle. */
    @Test
    void corePackagesHaveNoCycles() {
        slices().matching("org.ferworkbench.core.(*)..").should().beFreeOfCycles().check(classes);
    }

    /** The front ends and core: core knows neither, and the command line and the app do not reach into each other. */
    @Test
    void topLevelPackagesHaveNoCycles() {
        slices().matching("org.ferworkbench.(*)..").should().beFreeOfCycles().check(classes);
    }
}

package org.ferworkbench.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;

/** Keeps the shape of the code: a UI-free core under thin front ends. */
class ArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.ferworkbench");

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
    void onlyTheCommandLinePrintsToTheConsole() {
        noClasses().that().resideOutsideOfPackages("org.ferworkbench.cli..", "org.ferworkbench")
                .should(ACCESS_STANDARD_STREAMS)
                .check(classes);
    }
}

package org.sitroom;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Module boundaries: Spring Modulith fails on cycles between modules and on use of another module's internals;
 * ArchUnit keeps views away from the engine's internals, Lucene and ONNX Runtime.
 */
class ModularityTests {

    private static final JavaClasses SITROOM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.sitroom");

    @Test
    void modulesHaveNoCyclesAndRespectEachOthersInternals() {
        ApplicationModules.of(SitroomApplication.class).verify();
    }

    @Test
    void viewsDoNotReachEngineInternalsLuceneOrOnnxRuntime() {
        noClasses().that().resideInAPackage("..ui..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.apache.lucene..", "ai.onnxruntime..", "ai.djl..", "org.sitroom.engine.internal..")
                .because("views talk to services; the engine hides its implementation")
                .check(SITROOM);
    }

    @Test
    void onlyTheEngineTouchesLuceneAndOnnxRuntime() {
        noClasses().that().resideOutsideOfPackage("org.sitroom.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.lucene..", "ai.onnxruntime..", "ai.djl..")
                .because("Lucene and ONNX Runtime never appear outside the engine")
                .check(SITROOM);
    }
}

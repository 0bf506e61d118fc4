package org.sitroom.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The Spring wiring alone (no web app): settings binding, start-up failure, metrics, shutdown. */
class EmbeddingConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(EmbeddingConfiguration.class)
            .withPropertyValues("sitroom.engine.embedding.sessions=1");

    @Test
    void settingsBindFromProperties() {
        context.withPropertyValues("sitroom.engine.embedding.batch-size=8",
                        "sitroom.engine.embedding.queue-capacity=100", "sitroom.engine.embedding.cache-size=0",
                        "sitroom.engine.embedding.normalisation.replace-urls=false")
                .run(ctx -> {
                    EmbeddingSettings settings = ctx.getBean(EmbeddingSettings.class);
                    assertThat(settings.batchSize()).isEqualTo(8);
                    assertThat(settings.queueCapacity()).isEqualTo(100);
                    assertThat(settings.cacheSize()).isZero();
                    assertThat(settings.sessions()).isEqualTo(1);
                    assertThat(settings.threadsPerSession()).isEqualTo(1);
                    assertThat(settings.modelFolder()).isNull();
                    assertThat(settings.normalisation().replaceUrls()).isFalse();
                    assertThat(settings.normalisation().replaceMentions()).isTrue();
                });
    }

    /** The app registers settings by scanning too; both registrations must meet without a clash. */
    @Test
    void startsBesideTheAppsConfigurationPropertiesScan() {
        context.withUserConfiguration(ScanningApp.class).run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(EmbeddingSettings.class).hasSingleBean(Embeddings.class);
        });
    }

    @org.springframework.boot.context.properties.ConfigurationPropertiesScan("org.sitroom.engine")
    static class ScanningApp {
    }

    @Test
    void aWrongModelFolderStopsTheStart(@TempDir Path temp) {
        Path missing = temp.resolve("no-model-here");
        context.withPropertyValues("sitroom.engine.embedding.model-folder=" + missing).run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(EmbeddingModelException.class)
                    .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
        });
    }

    @Test
    void cacheHitRateIsAMetricWhenARegistryExists() {
        context.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(ctx -> {
            Embeddings embeddings = ctx.getBean(Embeddings.class);
            embeddings.embed(List.of("Water main burst on King Street", "Water main burst on King Street"));
            MeterRegistry registry = ctx.getBean(MeterRegistry.class);
            assertThat(registry.get("sitroom.embedding.cache.hit.rate").gauge().value()).isEqualTo(0.5);
            assertThat(registry.get("sitroom.embedding.cache.hits").functionCounter().count()).isEqualTo(1);
            assertThat(registry.get("sitroom.embedding.vectors").functionCounter().count()).isEqualTo(2);
            assertThat(registry.get("sitroom.embedding.rejected").functionCounter().count()).isZero();
        });
    }

    @Test
    void worksWithoutARegistryAndClosesWithTheContext() {
        Embeddings[] kept = new Embeddings[1];
        context.run(ctx -> {
            assertThat(ctx).hasNotFailed().doesNotHaveBean(MeterRegistry.class);
            kept[0] = ctx.getBean(Embeddings.class);
            assertThat(kept[0].embed(List.of("Roads reopened")).vector(0)).hasSize(384);
        });
        assertThatThrownBy(() -> kept[0].embed(List.of("after shutdown"))).isInstanceOf(IllegalStateException.class);
    }
}

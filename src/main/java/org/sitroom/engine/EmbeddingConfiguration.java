package org.sitroom.engine;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.sitroom.engine.internal.embed.OnnxEmbedder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Creates the {@link Embeddings} bean at start, so a wrong model folder stops the app with a clear message instead of
 * failing on the first post, and closes its native sessions on shutdown.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EmbeddingSettings.class)
class EmbeddingConfiguration {

    @Bean(destroyMethod = "close")
    Embeddings embeddings(EmbeddingSettings settings, ObjectProvider<MeterRegistry> registry) {
        Embeddings embeddings = OnnxEmbedder.open(settings);
        registry.ifAvailable(r -> bindMetrics(embeddings, r));
        return embeddings;
    }

    /** Meters read the engine's own counters, so the engine needs no registry (plain unit tests have none). */
    static void bindMetrics(Embeddings embeddings, MeterRegistry registry) {
        Tags tags = Tags.of("model", embeddings.model().name());
        Gauge.builder("sitroom.embedding.cache.hit.rate", embeddings, e -> e.stats().cacheHitRate()).tags(tags)
                .description("Share of texts answered from the embedding cache").register(registry);
        Gauge.builder("sitroom.embedding.cache.entries", embeddings, e -> e.stats().cacheEntries()).tags(tags)
                .description("Vectors in the embedding cache").register(registry);
        FunctionCounter.builder("sitroom.embedding.cache.hits", embeddings, e -> e.stats().cacheHits()).tags(tags)
                .register(registry);
        FunctionCounter.builder("sitroom.embedding.cache.misses", embeddings, e -> e.stats().cacheMisses()).tags(tags)
                .register(registry);
        FunctionCounter.builder("sitroom.embedding.vectors", embeddings, e -> e.stats().embedded()).tags(tags)
                .description("Vectors handed out").register(registry);
        FunctionCounter.builder("sitroom.embedding.rejected", embeddings, e -> e.stats().rejected()).tags(tags)
                .description("Texts rejected with a reason").register(registry);
        Gauge.builder("sitroom.embedding.queue.depth", embeddings, e -> e.stats().queued()).tags(tags)
                .description("Texts waiting for a model session").register(registry);
    }
}

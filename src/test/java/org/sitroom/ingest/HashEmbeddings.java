package org.sitroom.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.sitroom.engine.EmbeddingBatch;
import org.sitroom.engine.EmbeddingResult;
import org.sitroom.engine.EmbeddingStats;
import org.sitroom.engine.Embeddings;
import org.sitroom.engine.ModelIdentity;
import org.sitroom.engine.RejectionReason;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;

/**
 * A cheap stand-in for the ONNX embedder in child JVMs of the crash test: a unit vector seeded by the text, so the
 * same text always gets the same vector. Everything else (index, duplicate groups, cursor, database) stays real;
 * only the model's seconds per start and per post are saved. Texts without a letter or digit are refused, like the
 * real engine refuses texts it cannot embed.
 */
public final class HashEmbeddings implements Embeddings {

    private static final ModelIdentity MODEL = new ModelIdentity("hash-384", 384, "0", "none", 512);
    private final AtomicLong embedded = new AtomicLong();

    /** Replaces the {@code embeddings} bean before any bean is created. */
    public static ApplicationContextInitializer<ConfigurableApplicationContext> replacing() {
        return context -> context.addBeanFactoryPostProcessor((BeanFactoryPostProcessor) beanFactory -> {
            BeanDefinitionRegistry registry = (BeanDefinitionRegistry) beanFactory;
            if (registry.containsBeanDefinition("embeddings")) {
                registry.removeBeanDefinition("embeddings");
            }
            RootBeanDefinition def = new RootBeanDefinition(Embeddings.class, HashEmbeddings::new);
            registry.registerBeanDefinition("embeddings", def);
        });
    }

    @Override
    public EmbeddingBatch embed(List<String> texts) {
        return new EmbeddingBatch(MODEL, texts.stream().map(this::one).toList());
    }

    private EmbeddingResult one(String text) {
        if (text == null || text.codePoints().noneMatch(Character::isLetterOrDigit)) {
            return new EmbeddingResult.Rejected(RejectionReason.EMPTY, "nothing to embed");
        }
        embedded.incrementAndGet();
        return new EmbeddingResult.Embedded(vector(text));
    }

    static float[] vector(String text) {
        long seed = 1125899906842597L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            seed = 31 * seed + b;
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[384];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return v;
    }

    @Override
    public float[] embedQuery(String query) {
        return vector(query);
    }

    @Override
    public ModelIdentity model() {
        return MODEL;
    }

    @Override
    public EmbeddingStats stats() {
        return new EmbeddingStats(embedded.get(), 0, 0, 0, 0, 0);
    }

    @Override
    public void close() {
    }
}

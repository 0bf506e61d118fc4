package org.sitroom.engine;

import org.sitroom.engine.internal.eval.EngineEvaluation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link Evaluation} service: the app's own model and clustering settings, so a score describes this setup. */
@Configuration(proxyBeanMethods = false)
class EvaluationConfiguration {

    @Bean
    Evaluation evaluation(Embeddings embeddings, ClusteringSettings settings) {
        return new EngineEvaluation(embeddings, settings);
    }
}

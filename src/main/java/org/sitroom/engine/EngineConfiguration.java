package org.sitroom.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import org.sitroom.base.SitroomProperties;
import org.sitroom.engine.internal.index.PostIndex;
import org.sitroom.engine.internal.store.EngineStore;
import org.sitroom.engine.internal.store.Reclusterer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Wires the engine: the Lucene post index under the data folder, the store on top of it and the reclusterer, which
 * runs on a schedule whenever enough new posts arrived.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClusteringSettings.class)
class EngineConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EngineConfiguration.class);

    @Bean(destroyMethod = "close")
    PostIndex postIndex(SitroomProperties sitroom) {
        try {
            return new PostIndex(sitroom.dataFolder("index"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the post index in " + sitroom.dataFolder("index"), e);
        }
    }

    @Bean
    EngineStore postStore(PostIndex index, Embeddings embeddings, ClusteringSettings settings,
                          ApplicationEventPublisher events) {
        return new EngineStore(index, embeddings, settings, Clock.systemUTC(), events::publishEvent);
    }

    @Bean
    Reclusterer narrativeClustering(EngineStore store, ClusteringSettings settings, ApplicationEventPublisher events) {
        return new Reclusterer(store, settings, Clock.systemUTC(), events::publishEvent);
    }

    @Bean
    ReclusterSchedule reclusterSchedule(Reclusterer reclusterer) {
        return new ReclusterSchedule(reclusterer);
    }

    /** Checks every few seconds whether a situation is due for a full recluster. */
    static class ReclusterSchedule {
        private final Reclusterer reclusterer;

        ReclusterSchedule(Reclusterer reclusterer) {
            this.reclusterer = reclusterer;
        }

        @Scheduled(fixedDelayString = "${sitroom.engine.clustering.check-every:5s}", initialDelayString = "5s")
        void reclusterWhenDue() {
            try {
                reclusterer.reclusterDue();
            } catch (RuntimeException e) {
                // The previous narratives stay; the next check tries again.
                log.error("Recluster failed", e);
            }
        }
    }
}

package org.sitroom.ingest.pipeline;

import org.quartz.Scheduler;
import org.sitroom.base.SitroomProperties;
import org.sitroom.engine.PostStore;
import org.sitroom.ingest.IngestSettings;
import org.sitroom.ingest.situations.IngestClock;
import org.sitroom.ingest.situations.SituationCatalog;
import org.sitroom.ingest.situations.SituationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires ingest: situations from the file, the pipeline, the runner, the Quartz schedule and the monitor. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestSettings.class)
class PipelineConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PipelineConfiguration.class);

    @Bean
    IngestClock ingestClock() {
        return new IngestClock();
    }

    @Bean
    SituationStore situationStore(JdbcTemplate jdbc, TransactionTemplate tx, IngestClock clock) {
        return new SituationStore(jdbc, tx, clock);
    }

    @Bean
    SituationCatalog situationCatalog(SituationStore store, IngestSettings settings) {
        return new SituationCatalog(store, settings, ConnectorFactory::check);
    }

    @Bean
    IngestLedger ingestLedger(JdbcTemplate jdbc, TransactionTemplate tx, IngestClock clock) {
        return new IngestLedger(jdbc, tx, clock);
    }

    @Bean
    StageTimes ingestStageTimes() {
        return new StageTimes();
    }

    @Bean
    ConnectorFactory connectorFactory(SitroomProperties sitroom, IngestClock clock) {
        return new ConnectorFactory(sitroom.data(), clock);
    }

    @Bean
    LanguageGuesser languageGuesser(IngestSettings settings) {
        LanguageGuesser guesser = new LanguageGuesser(settings.languages());
        if (settings.detectLanguage()) {
            guesser.preloadInBackground();
        }
        return guesser;
    }

    /** The guesser comes first: its models then load while the post store opens the embedding model and the index. */
    @Bean
    IngestPipeline ingestPipeline(LanguageGuesser languages, PostStore store, IngestLedger ledger,
                                  IngestSettings settings, ApplicationEventPublisher events, StageTimes times) {
        return new IngestPipeline(store, ledger, new TextNormaliser(settings.maxTextChars()), languages,
                settings.detectLanguage(), events, times);
    }

    @Bean(destroyMethod = "close")
    SourceRunner sourceRunner(SituationStore situations, SituationCatalog catalog, IngestLedger ledger,
                              IngestPipeline pipeline, ConnectorFactory connectors, IngestSettings settings,
                              IngestClock clock, ApplicationEventPublisher events) {
        // The catalog is a parameter so the situations are loaded before any run can start.
        return new SourceRunner(situations, ledger, pipeline, connectors, settings, clock, events);
    }

    @Bean
    QuarantineRerun quarantineRerun(SituationStore situations, IngestLedger ledger, IngestPipeline pipeline,
                                    SourceRunner runner, IngestClock clock) {
        return new QuarantineRerun(situations, ledger, pipeline, runner, clock);
    }

    @Bean
    FileImporter fileImporter(SituationStore situations, SituationCatalog catalog, IngestLedger ledger,
                              IngestPipeline pipeline, SourceRunner runner, IngestSettings settings, IngestClock clock) {
        return new FileImporter(situations, ledger, pipeline, runner, settings, clock);
    }

    @Bean
    SourceHealthMonitor sourceHealthMonitor(SituationStore situations, IngestLedger ledger, IngestClock clock) {
        return new SourceHealthMonitor(situations, ledger, clock);
    }

    @Bean
    SourceSchedule sourceSchedule(Scheduler scheduler, SituationStore situations, SituationCatalog catalog) {
        return new SourceSchedule(scheduler, situations);
    }

    @Bean
    ScheduleAtStart scheduleAtStart(SourceSchedule schedule, @Value("${sitroom.cli:false}") boolean cli) {
        return new ScheduleAtStart(schedule, cli);
    }

    /** Schedules the sources once the app is up; the command line never schedules (it only imports). */
    static class ScheduleAtStart {
        private final SourceSchedule schedule;
        private final boolean cli;

        ScheduleAtStart(SourceSchedule schedule, boolean cli) {
            this.schedule = schedule;
            this.cli = cli;
        }

        @EventListener(ApplicationReadyEvent.class)
        void scheduleSources() {
            if (!cli) {
                schedule.sync();
                log.info("Ingest: sources scheduled");
            }
        }
    }
}

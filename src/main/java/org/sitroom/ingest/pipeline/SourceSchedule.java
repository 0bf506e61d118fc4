package org.sitroom.ingest.pipeline;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.sitroom.ingest.situations.SituationStore;
import org.sitroom.ingest.situations.SourceRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one Quartz job per enabled source, in the JDBC job store (the H2 database), so schedules survive restarts.
 * An unchanged source keeps its trigger (and so its rhythm) across restarts; a changed interval reschedules it; a
 * disabled or no longer defined source loses its job.
 *
 * <p>Misfires (the app was down, or a run outlasted the interval while the next fire waited): fire once, now,
 * and go on at the interval ({@code withMisfireHandlingInstructionNowWithExistingCount}). One run reads everything
 * the cursor has not covered yet (up to max-run-time, the following runs go on), so replaying every missed fire
 * would only queue empty runs, and waiting for the next slot would leave a source up to one interval behind
 * after every restart for nothing.
 */
public class SourceSchedule {

    private static final Logger log = LoggerFactory.getLogger(SourceSchedule.class);
    static final String GROUP = "sitroom-sources";

    private final Scheduler scheduler;
    private final SituationStore situations;

    SourceSchedule(Scheduler scheduler, SituationStore situations) {
        this.scheduler = scheduler;
        this.situations = situations;
    }

    /** Brings the jobs in line with the sources. */
    public synchronized void sync() {
        try {
            Set<JobKey> wanted = new HashSet<>();
            for (SourceRow row : situations.sources()) {
                JobKey key = jobKey(row.id());
                if (!row.scheduled()) {
                    if (scheduler.checkExists(key)) {
                        scheduler.deleteJob(key);
                        log.info("Source {}: unscheduled", row.id());
                    }
                    continue;
                }
                wanted.add(key);
                if (!scheduler.checkExists(key)) {
                    JobDetail job = JobBuilder.newJob(SourceJob.class).withIdentity(key).storeDurably()
                            .usingJobData(SourceJob.SOURCE_ID, row.id())
                            .withDescription("Ingest source " + row.id()).build();
                    scheduler.addJob(job, false);
                }
                long intervalMs = row.definition().interval().toMillis();
                Trigger existing = scheduler.getTrigger(triggerKey(row.id()));
                if (existing instanceof SimpleTrigger simple && simple.getRepeatInterval() == intervalMs) {
                    continue; // unchanged: keep its rhythm and history
                }
                Trigger trigger = trigger(row.id(), intervalMs);
                if (existing == null) {
                    scheduler.scheduleJob(trigger);
                    log.info("Source {}: runs every {} ms", row.id(), intervalMs);
                } else {
                    scheduler.rescheduleJob(existing.getKey(), trigger);
                    log.info("Source {}: now runs every {} ms", row.id(), intervalMs);
                }
            }
            for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
                if (!wanted.contains(key)) {
                    scheduler.deleteJob(key);
                }
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule the sources: " + e.getMessage(), e);
        }
    }

    /** Fires a source's job now (the Sources view's "Run now"); false when it has none. */
    public boolean runNow(String sourceId) {
        try {
            if (!scheduler.checkExists(jobKey(sourceId))) {
                return false;
            }
            scheduler.triggerJob(jobKey(sourceId));
            return true;
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The trigger of a source's job, if scheduled. */
    public Optional<Trigger> trigger(String sourceId) {
        try {
            return Optional.ofNullable(scheduler.getTrigger(triggerKey(sourceId)));
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    static JobKey jobKey(String sourceId) {
        return JobKey.jobKey(sourceId, GROUP);
    }

    static TriggerKey triggerKey(String sourceId) {
        return TriggerKey.triggerKey(sourceId, GROUP);
    }

    private static Trigger trigger(String sourceId, long intervalMs) {
        return TriggerBuilder.newTrigger().withIdentity(triggerKey(sourceId)).forJob(jobKey(sourceId)).startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(intervalMs)
                        .repeatForever().withMisfireHandlingInstructionNowWithExistingCount())
                .build();
    }
}

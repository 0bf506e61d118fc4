package org.sitroom.ingest.pipeline;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The Quartz job of one source (one durable job per source, its id in the job data). Never two runs of one source
 * at once: Quartz holds a fire back while the previous one runs ({@code @DisallowConcurrentExecution}).
 */
@DisallowConcurrentExecution
class SourceJob implements Job {

    static final String SOURCE_ID = "sourceId";

    private final SourceRunner runner;

    SourceJob(SourceRunner runner) {
        this.runner = runner;
    }

    @Override
    public void execute(JobExecutionContext context) {
        runner.run(context.getMergedJobDataMap().getString(SOURCE_ID));
    }
}

package io.selfheal.runtime.engine;

/** One failed run of a woven body, handed from stage to stage. */
final class Failure {
    final Site site;
    final TargetRuntime target;
    final CallState call;
    /** What the failed run held (permit, probe, timer), or {@code null}. */
    final Ticket ticket;
    final Object self;
    final Object[] arguments;
    /** What the body threw; the caller gets it back unchanged unless a stage answers. */
    final Throwable thrown;
    /** What the stages act on: {@link #thrown}, or a {@code TimeoutException} when the run overran. */
    Throwable failure;
    /** True when a retry took over the run's bulkhead permit (it is not released at the end). */
    boolean permitPassedOn;
    /** True when the failure is a returned stage's: a retry is scheduled, not slept. */
    boolean asynchronous;

    Failure(Site site, CallState call, Ticket ticket, Object self, Throwable thrown, Object[] arguments) {
        this.site = site;
        this.target = site.target();
        this.call = call;
        this.ticket = ticket;
        this.self = self;
        this.thrown = thrown;
        this.failure = thrown;
        this.arguments = arguments;
    }
}

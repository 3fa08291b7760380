"""Background work: job handlers (``jobs.JOBS``) run by Dramatiq workers, and periodic tasks
(``periodic.PERIODIC``) run by the tick. ``runtime`` binds them to the container's broker."""

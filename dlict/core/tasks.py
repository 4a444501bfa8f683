from django_tasks import task

from dlict.core.jobs import job_execute


@task()
def run_job(job_id: int) -> None:
    """Run one stage of a background job; the job's handler does the work."""
    job_execute(job_id=job_id)

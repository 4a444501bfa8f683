"""The API: every app's ``api.py`` router mounted under /api/, with one OpenAPI schema."""

from ninja import NinjaAPI

from dlict.accounts.api import router as accounts_router
from dlict.api.auth import TokenAuth
from dlict.schools.api import router as schools_router

api = NinjaAPI(
    title="DLICT Office API",
    version="1",
    description=(
        "Read the school registry of the offices you belong to. Authenticate with a personal "
        "token (Authorization: Bearer …) made on your API tokens page. Lists come in pages: "
        "limit 1 to 500 rows (100 unless you ask), offset 0 to 1,000,000; a parameter out of its "
        "bounds is answered 422, naming the parameter."
    ),
    auth=TokenAuth(),
    urls_namespace="api",
)
api.add_router("/", accounts_router)
api.add_router("/", schools_router)

"""The content licence and how to cite the catalogue, said once for every output."""

from django.utils.translation import gettext_lazy as _

LICENSE_ID = "CC-BY-SA-4.0"
LICENSE_NAME = "CC BY-SA 4.0"
LICENSE_TITLE = _("Creative Commons Attribution-ShareAlike 4.0 International")
LICENSE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
LICENSE_LINK_HEADER = f'<{LICENSE_URL}>; rel="license"'

PUBLISHER = "Collab Atlas"
AUTHOR = "Collab Atlas contributors"

GUIDE_TITLE = (
    "Social Innovation in Digital Democracy Era. Towards Synergies between Citizens and Governments"
)
GUIDE_PUBLISHER = "ePaństwo Foundation, DSI4EU"


def license_metadata():
    """The licence as it appears in JSON outputs (API envelope, downloads, data package)."""
    return {"name": LICENSE_ID, "title": str(LICENSE_TITLE), "path": LICENSE_URL}

"""nbgrader settings of every server the class hub starts: the exchange and the course id.
The teacher's server also has $QAZAQ_COURSE: their course folder, gradebook and late policy."""
import os

from qazaq.classroom.nbgrader import configure_course, configure_exchange

c = get_config()  # noqa: F821 (provided by nbgrader)
configure_exchange(c)
if os.environ.get("QAZAQ_COURSE"):
    configure_course(c)

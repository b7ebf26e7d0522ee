"""pytest settings for the whole repository: the tests in tests/ and nbval's run of the notebooks.

nbval formats every message the kernel sends with ``pprint.pformat`` for a debug log line, even when debug logging
is off, and the messages that carry a chart hold its whole PNG. That took about a second of each run of the
notebooks. The message is handed to the logger as it is instead: a debug log, when turned on, still shows it.
tests/test_notebooks.py checks that the swap is in place while nbval still needs it.
"""

import nbval.kernel


def _message_as_it_is(message):
    return message


nbval.kernel.pformat = _message_as_it_is

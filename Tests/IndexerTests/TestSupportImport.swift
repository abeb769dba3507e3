// Every test file of this target sees TemporaryFolder and packageRoot.
@_exported import TestSupport

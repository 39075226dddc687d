from candour.sharing.tests.support import hospital

__all__ = ["hospital"]

print("search: not yet")

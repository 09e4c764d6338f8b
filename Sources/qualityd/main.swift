print("qualityd")

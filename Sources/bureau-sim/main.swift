print("bureau-sim")

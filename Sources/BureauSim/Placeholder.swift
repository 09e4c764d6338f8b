// BureauSim

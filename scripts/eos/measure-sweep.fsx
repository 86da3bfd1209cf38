// Hessian spectra and the filter check for a figure's sweep, after training, from the weights
// each run saved: top eigenvalues (Lanczos), trace (Hutchinson), spectral density (SLQ) and
// sharpness of the training loss; each run's λ_max placed in its optimizer's exact region
// (`eigenverify region`). Writes hessian.csv, hessian.md, spectrum.png and density.png next
// to the sweep's summary; measured runs are cached under hessian/ and never redone.
//   dotnet fsi scripts/eos/measure-sweep.fsx -- --figure figure1 --preset smoke|small|paper
#load "../experiments/Launcher.fsx"
exit (Launcher.runTool "EigenVerify.Experiments.Tools.SweepMeasurementTool" fsi.CommandLineArgs)

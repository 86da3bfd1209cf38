namespace EigenVerify.Plots

/// An interval of the horizontal or vertical axis; ±∞ for an unbounded end.
type Band = { Lower: float; Upper: float }

/// λ ↦ ρ(M(λ)) with the region (ρ ≤ 1) and the radius-r region shaded.
type RateChart =
    { Title: string
      /// "lambda" or "mu".
      Variable: string
      Xs: float[]
      /// ρ at each x (exact values, rounded for drawing).
      Rates: float[]
      /// The exact region, clipped to the view.
      Region: Band list
      RegionPoints: float list
      /// r and the exact radius-r region, when asked for.
      Radius: (float * Band list) option }

/// A plane of two quantities (hyperparameters or the eigenvalue) at fixed others: the boundary
/// of the stable set from exact root isolation along vertical lines, and a numeric grid scan.
type StabilityChart =
    { Title: string
      XName: string
      YName: string
      XRange: Band
      YRange: Band
      /// Ends of the exact stable intervals in y, line by line.
      Boundary: (float * float)[]
      /// Grid points the numeric scan finds stable / unstable.
      GridStable: (float * float)[]
      GridUnstable: (float * float)[] }

/// One rule's region in the catalog chart.
type CatalogRow =
    { Rule: string
      /// "alpha = 1/10, beta = 9/10".
      Values: string
      Bands: Band list
      Points: float list }

/// The catalog's regions side by side on one eigenvalue axis.
type CatalogChart = { Title: string; View: Band; Rows: CatalogRow list }

/// A measured run: its largest eigenvalue and batch variance.
type MeasuredPoint = { Lambda: float; Variance: float }

/// The mean-square region in the (λ, σ²) plane: σ² up to the exact limit at each λ.
type MeanSquareChart =
    { Title: string
      Variable: string
      Lambdas: float[]
      /// The limit σ²_max(λ): NaN where not even σ² = 0 is stable, +∞ where every σ² is.
      MaxVariance: float[]
      Measured: MeasuredPoint list }

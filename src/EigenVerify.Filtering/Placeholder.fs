namespace EigenVerify.Filtering
// Replaced by the expression modules (issue: eigenvalue-filtering regions).
module internal ProjectMarker = let name = "EigenVerify.Filtering"

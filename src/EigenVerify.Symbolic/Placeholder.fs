namespace EigenVerify.Symbolic
// Replaced by the expression modules (issue: symbolic expressions and the update-rule language).
module internal ProjectMarker = let name = "EigenVerify.Symbolic"

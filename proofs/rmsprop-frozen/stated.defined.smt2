; EigenVerify certificate: optimizer rmsprop-frozen, claim stated, part defined.
;
; Claim: for every hyperparameter value in the declared domain (alpha > 0) and every real mu (an eigenvalue of P^-1 H at a critical point),
;   mu in R  <=>  every root of p(z) = det(zI - M(mu)) lies in the closed unit disk |z| <= 1,
; where R = { mu : 0 <= mu <= 2/alpha }, M is the 1x1 Jacobian of the update at the fixed point
; per eigenvalue, and p(z) = alpha*mu + z - 1.
;
;
; This file: the region's denominators are nonzero on the domain.
; It asserts the negation of that statement; the expected answer is unsat (no counterexample).

(set-logic QF_NRA)
(set-info :status unsat)

; The eigenvalue (mu).
(declare-const mu Real)
; Hyperparameters.
(declare-const alpha Real)
(assert (< 0 alpha))
; Negation: some denominator of the statement vanishes for a value in the domain.
(assert (= alpha 0))
(check-sat)

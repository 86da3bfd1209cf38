; EigenVerify certificate: optimizer adam-frozen, claim stated, part defined.
;
; Claim: for every hyperparameter value in the declared domain (alpha > 0, 0 <= beta1 < 1) and every real mu (an eigenvalue of P^-1 H at a critical point),
;   mu in R  <=>  every root of p(z) = det(zI - M(mu)) lies in the closed unit disk |z| <= 1,
; where R = { mu : 0 <= mu <= 2*(1 + beta1)/(alpha*(1 - beta1)) }, M is the 2x2 Jacobian of the update at the fixed point
; per eigenvalue, and p(z) = -alpha*beta1*mu*z + alpha*mu*z - beta1*z + z^2 + beta1 - z.
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
(declare-const beta1 Real)
(assert (< 0 alpha))
(assert (<= 0 beta1))
(assert (< beta1 1))
; Negation: some denominator of the statement vanishes for a value in the domain.
(assert (= (+ (* alpha beta1) (- alpha)) 0))
(check-sat)

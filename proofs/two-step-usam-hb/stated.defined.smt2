; EigenVerify certificate: optimizer two-step-usam-hb, claim stated, part defined.
;
; Claim: for every hyperparameter value in the declared domain (alpha > 0, 0 <= beta < 1, rho > 0) and every real lambda (an eigenvalue of the Hessian H at a critical point),
;   lambda in R  <=>  every root of p(z) = det(zI - M(lambda)) lies in the closed unit disk |z| <= 1,
; where R = { lambda : 0 <= lambda*(1 + rho*lambda)^2 <= 2*(1 + beta)/alpha }, M is the 2x2 Jacobian of the update at the fixed point
; per eigenvalue, and p(z) = alpha*lambda^3*rho^2*z + 2*alpha*lambda^2*rho*z + alpha*lambda*z - beta*z + z^2 + beta - z.
; The eigenvalue lambda is written lam in SMT-LIB terms (SMT-LIB 2.6 reserves the word lambda).
;
; This file: the region's denominators are nonzero on the domain.
; It asserts the negation of that statement; the expected answer is unsat (no counterexample).

(set-logic QF_NRA)
(set-info :status unsat)

; The eigenvalue (lambda).
(declare-const lam Real)
; Hyperparameters.
(declare-const alpha Real)
(declare-const beta Real)
(declare-const rho Real)
(assert (< 0 alpha))
(assert (<= 0 beta))
(assert (< beta 1))
(assert (< 0 rho))
; Negation: some denominator of the statement vanishes for a value in the domain.
(assert (= alpha 0))
(check-sat)

; EigenVerify certificate: optimizer adam-frozen, claim derived, part identity.
;
; Claim: for every hyperparameter value in the declared domain (alpha > 0, 0 <= beta1 < 1) and every real mu (an eigenvalue of P^-1 H at a critical point),
;   mu in R  <=>  every root of p(z) = det(zI - M(mu)) lies in the closed unit disk |z| <= 1,
; where R = { mu : 0 <= mu <= 2*(1 + beta1)/(alpha*(1 - beta1)) }, M is the 2x2 Jacobian of the update at the fixed point
; per eigenvalue, and p(z) = -alpha*beta1*mu*z + alpha*mu*z - beta1*z + z^2 + beta1 - z.
;
;
; This file: det(zI - M) = p(z) as a polynomial identity.
; It asserts the negation of that statement; the expected answer is unsat (no counterexample).

(set-logic QF_NRA)
(set-info :status unsat)

; z, the eigenvalue and the hyperparameters range over all reals: a polynomial identity.
(declare-const z Real)
(declare-const mu Real)
(declare-const alpha Real)
(declare-const beta1 Real)
; The entries of M, the Jacobian per eigenvalue (row i, column j: d state_i' / d state_j).
(define-fun m1_1 () Real (+ (* alpha beta1 mu) (- (* alpha mu)) 1))
(define-fun m1_2 () Real (- (* alpha beta1)))
(define-fun m2_1 () Real (+ (- (* beta1 mu)) mu))
(define-fun m2_2 () Real beta1)
; det(zI - M) by cofactor expansion along the first row.
(define-fun det () Real (+ (* (- z m1_1) (- z m2_2)) (- (* (- m1_2) (- m2_1)))))
; The characteristic polynomial used by every other certificate of this claim.
(define-fun p () Real (+ (- (* alpha beta1 mu z)) (* alpha mu z) (- (* beta1 z)) (* z z) beta1 (- z)))
(assert (not (= det p)))
(check-sat)

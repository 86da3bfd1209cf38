; EigenVerify certificate: optimizer hessian-usam-nesterov, claim derived, part identity.
;
; Claim: for every hyperparameter value in the declared domain (alpha > 0, 0 <= beta < 1, rho > 0) and every real lambda (an eigenvalue of the Hessian H at a critical point),
;   lambda in R  <=>  every root of p(z) = det(zI - M(lambda)) lies in the closed unit disk |z| <= 1,
; where R = { lambda : 0 <= lambda*(1 + rho*lambda)^2 <= 2*(1 + beta)/(alpha*(1 + 2*beta)) (isolated point lambda = -1/rho) }, M is the 2x2 Jacobian of the update at the fixed point
; per eigenvalue, and p(z) = alpha*beta*lambda^3*rho^2*z - alpha*beta*lambda^3*rho^2 + alpha*lambda^3*rho^2*z + 2*alpha*beta*lambda^2*rho*z - 2*alpha*beta*lambda^2*rho + 2*alpha*lambda^2*rho*z + alpha*beta*lambda*z - alpha*beta*lambda + alpha*lambda*z - beta*z + z^2 + beta - z.
; The eigenvalue lambda is written lam in SMT-LIB terms (SMT-LIB 2.6 reserves the word lambda).
;
; This file: det(zI - M) = p(z) as a polynomial identity.
; It asserts the negation of that statement; the expected answer is unsat (no counterexample).

(set-logic QF_NRA)
(set-info :status unsat)

; z, the eigenvalue and the hyperparameters range over all reals: a polynomial identity.
(declare-const z Real)
(declare-const lam Real)
(declare-const alpha Real)
(declare-const beta Real)
(declare-const rho Real)
; The entries of M, the Jacobian per eigenvalue (row i, column j: d state_i' / d state_j).
(define-fun m1_1 () Real (+ (- (* alpha beta lam lam lam rho rho)) (- (* alpha lam lam lam rho rho)) (* (- 2) alpha beta lam lam rho) (* (- 2) alpha lam lam rho) (- (* alpha beta lam)) (- (* alpha lam)) beta 1))
(define-fun m1_2 () Real (+ (* alpha beta lam lam lam rho rho) (* 2 alpha beta lam lam rho) (* alpha beta lam) (- beta)))
(define-fun m2_1 () Real 1)
(define-fun m2_2 () Real 0)
; det(zI - M) by cofactor expansion along the first row.
(define-fun det () Real (+ (* (- z m1_1) (- z m2_2)) (- (* (- m1_2) (- m2_1)))))
; The characteristic polynomial used by every other certificate of this claim.
(define-fun p () Real (+ (* alpha beta lam lam lam rho rho z) (- (* alpha beta lam lam lam rho rho)) (* alpha lam lam lam rho rho z) (* 2 alpha beta lam lam rho z) (* (- 2) alpha beta lam lam rho) (* 2 alpha lam lam rho z) (* alpha beta lam z) (- (* alpha beta lam)) (* alpha lam z) (- (* beta z)) (* z z) beta (- z)))
(assert (not (= det p)))
(check-sat)

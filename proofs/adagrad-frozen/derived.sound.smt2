; EigenVerify certificate: optimizer adagrad-frozen, claim derived, part sound.
;
; Claim: for every hyperparameter value in the declared domain (alpha > 0) and every real mu (an eigenvalue of P^-1 H at a critical point),
;   mu in R  <=>  every root of p(z) = det(zI - M(mu)) lies in the closed unit disk |z| <= 1,
; where R = { mu : 0 <= mu <= 2/alpha }, M is the 1x1 Jacobian of the update at the fixed point
; per eigenvalue, and p(z) = alpha*mu + z - 1.
;
;
; This file: mu in R ==> every root of p in the closed unit disk.
; It asserts the negation of that statement; the expected answer is unsat (no counterexample).

(set-logic QF_NRA)
(set-info :status unsat)

; The eigenvalue (mu).
(declare-const mu Real)
; Hyperparameters.
(declare-const alpha Real)
(assert (< 0 alpha))
; Membership in R: 0 <= mu <= 2/alpha.
(define-fun in_region () Bool (and (>= mu 0) (>= (+ (- (* alpha mu)) 2) 0)))

; Coefficients of p(z) = c0 + c1 z + ... + z^k (polynomials in the eigenvalue and hyperparameters).
(define-fun c0 () Real (+ (* alpha mu) (- 1)))
; Powers of z = x + iy: re_j + i im_j = z^j.
; Real and imaginary parts of p(x + iy).
(define-fun p_re ((x Real) (y Real)) Real (+ c0 x))
(define-fun p_im ((x Real) (y Real)) Real y)
; x + iy is a root of p strictly outside the closed unit disk.
(define-fun root_outside ((x Real) (y Real)) Bool (and (= (p_re x y) 0) (= (p_im x y) 0) (> (+ (* x x) (* y y)) 1)))

; Negation: some eigenvalue in R has a root z = x + iy of p with x^2 + y^2 > 1.
(declare-const x Real)
(declare-const y Real)
(assert in_region)
(assert (root_outside x y))
(check-sat)

; EigenVerify certificate: optimizer adam-frozen, claim derived, part complete.
;
; Claim: for every hyperparameter value in the declared domain (alpha > 0, 0 <= beta1 < 1) and every real mu (an eigenvalue of P^-1 H at a critical point),
;   mu in R  <=>  every root of p(z) = det(zI - M(mu)) lies in the closed unit disk |z| <= 1,
; where R = { mu : 0 <= mu <= 2*(1 + beta1)/(alpha*(1 - beta1)) }, M is the 2x2 Jacobian of the update at the fixed point
; per eigenvalue, and p(z) = -alpha*beta1*mu*z + alpha*mu*z - beta1*z + z^2 + beta1 - z.
;
;
; This file: every root of p in the closed unit disk ==> mu in R.
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
; Membership in R: 0 <= mu <= 2*(1 + beta1)/(alpha*(1 - beta1)).
(define-fun in_region () Bool (and (>= mu 0) (>= (+ (* alpha beta1 mu) (- (* alpha mu)) (* 2 beta1) 2) 0)))

; Coefficients of p(z) = c0 + c1 z + ... + z^k (polynomials in the eigenvalue and hyperparameters).
(define-fun c0 () Real beta1)
(define-fun c1 () Real (+ (- (* alpha beta1 mu)) (* alpha mu) (- beta1) (- 1)))
; Powers of z = x + iy: re_j + i im_j = z^j.
(define-fun re2 ((x Real) (y Real)) Real (- (* x x) (* y y)))
(define-fun im2 ((x Real) (y Real)) Real (+ (* x y) (* y x)))
; Real and imaginary parts of p(x + iy).
(define-fun p_re ((x Real) (y Real)) Real (+ c0 (* c1 x) (re2 x y)))
(define-fun p_im ((x Real) (y Real)) Real (+ (* c1 y) (im2 x y)))
; x + iy is a root of p strictly outside the closed unit disk.
(define-fun root_outside ((x Real) (y Real)) Bool (and (= (p_re x y) 0) (= (p_im x y) 0) (> (+ (* x x) (* y y)) 1)))

; The eigenvalue lies outside R.
(assert (not in_region))
; Case analysis instead of a quantifier over (x, y): p(z) = z^2 + c1 z + c0 has the roots
; (-c1 +- s)/2 when disc = c1^2 - 4 c0 >= 0 and -c1/2 +- i s/2 when disc < 0, with s >= 0 and
; s^2 = |disc|. So "some root lies outside" holds as soon as one of three explicit witnesses is a
; root outside the disk (the conjugate of the complex one has the same modulus). The solver checks
; that the witness is a root (p_re = p_im = 0), so these formulas are not trusted. Negation: none is.
(define-fun disc () Real (- (* c1 c1) (* 4 c0)))
(declare-const s Real)
(assert (>= s 0))
(assert (= (* s s) (ite (>= disc 0) disc (- disc))))
(assert (not (or (root_outside (/ (+ (- c1) s) 2) 0)
                 (root_outside (/ (- (- c1) s) 2) 0)
                 (root_outside (/ (- c1) 2) (/ s 2)))))
(check-sat)

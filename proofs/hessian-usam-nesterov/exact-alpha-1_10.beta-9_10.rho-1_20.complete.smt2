; EigenVerify certificate: optimizer hessian-usam-nesterov, claim exact-alpha-1_10.beta-9_10.rho-1_20, part complete.
;
; Claim: for the hyperparameters alpha = 1/10, beta = 9/10, rho = 1/20 and every real lambda (an eigenvalue of the Hessian H at a critical point),
;   lambda in R  <=>  every root of p(z) = det(zI - M(lambda)) lies in the closed unit disk |z| <= 1,
; where R = { lambda : {-20} U [0, root(7*x^3 + 280*x^2 + 2800*x - 38000, [51/7, 467/64])] }, M is the 2x2 Jacobian of the update at the fixed point
; per eigenvalue, and p(z) = alpha*beta*lambda^3*rho^2*z - alpha*beta*lambda^3*rho^2 + alpha*lambda^3*rho^2*z + 2*alpha*beta*lambda^2*rho*z - 2*alpha*beta*lambda^2*rho + 2*alpha*lambda^2*rho*z + alpha*beta*lambda*z - alpha*beta*lambda + alpha*lambda*z - beta*z + z^2 + beta - z.
; The eigenvalue lambda is written lam in SMT-LIB terms (SMT-LIB 2.6 reserves the word lambda).
;
; This file: every root of p in the closed unit disk ==> lambda in R.
; It asserts the negation of that statement; the expected answer is unsat (no counterexample).

(set-logic QF_NRA)
(set-info :status unsat)

; The eigenvalue (lambda).
(declare-const lam Real)
; Hyperparameters.
(declare-const alpha Real)
(declare-const beta Real)
(declare-const rho Real)
(assert (= alpha (/ 1 10)))
(assert (= beta (/ 9 10)))
(assert (= rho (/ 1 20)))
; Exact numbers of the region, each pinned down uniquely by its facts.
; root1 = root(7*x^3 + 280*x^2 + 2800*x - 38000, [51/7, 467/64]): the only root of 7*x^3 + 280*x^2 + 2800*x - 38000 in (51/7, 467/64), approximately 7.28946345098081
(declare-const root1 Real)
(assert (= (+ (* 7 root1 root1 root1) (* 280 root1 root1) (* 2800 root1) (- 38000)) 0))
(assert (< (/ 51 7) root1))
(assert (< root1 (/ 467 64)))
; Membership in R: {-20} U [0, root(7*x^3 + 280*x^2 + 2800*x - 38000, [51/7, 467/64])].
(define-fun in_region () Bool (or (and (<= 0 lam) (<= lam root1)) (= lam (- 20))))

; Coefficients of p(z) = c0 + c1 z + ... + z^k (polynomials in the eigenvalue and hyperparameters).
(define-fun c0 () Real (+ (- (* alpha beta lam lam lam rho rho)) (* (- 2) alpha beta lam lam rho) (- (* alpha beta lam)) beta))
(define-fun c1 () Real (+ (* alpha beta lam lam lam rho rho) (* alpha lam lam lam rho rho) (* 2 alpha beta lam lam rho) (* 2 alpha lam lam rho) (* alpha beta lam) (* alpha lam) (- beta) (- 1)))
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

; EigenVerify certificate: optimizer hessian-usam-hb, claim exact-alpha-1_10.beta-9_10.rho-1_20, part sound.
;
; Claim: for the hyperparameters alpha = 1/10, beta = 9/10, rho = 1/20 and every real lambda (an eigenvalue of the Hessian H at a critical point),
;   lambda in R  <=>  every root of p(z) = det(zI - M(lambda)) lies in the closed unit disk |z| <= 1,
; where R = { lambda : {-20} U [0, root(x^3 + 40*x^2 + 400*x - 15200, [27/2, 14])] }, M is the 2x2 Jacobian of the update at the fixed point
; per eigenvalue, and p(z) = alpha*lambda^3*rho^2*z + 2*alpha*lambda^2*rho*z + alpha*lambda*z - beta*z + z^2 + beta - z.
; The eigenvalue lambda is written lam in SMT-LIB terms (SMT-LIB 2.6 reserves the word lambda).
;
; This file: lambda in R ==> every root of p in the closed unit disk.
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
; root1 = root(x^3 + 40*x^2 + 400*x - 15200, [27/2, 14]): the only root of x^3 + 40*x^2 + 400*x - 15200 in (27/2, 14), approximately 13.5244612399194
(declare-const root1 Real)
(assert (= (+ (* root1 root1 root1) (* 40 root1 root1) (* 400 root1) (- 15200)) 0))
(assert (< (/ 27 2) root1))
(assert (< root1 14))
; Membership in R: {-20} U [0, root(x^3 + 40*x^2 + 400*x - 15200, [27/2, 14])].
(define-fun in_region () Bool (or (and (<= 0 lam) (<= lam root1)) (= lam (- 20))))

; Coefficients of p(z) = c0 + c1 z + ... + z^k (polynomials in the eigenvalue and hyperparameters).
(define-fun c0 () Real beta)
(define-fun c1 () Real (+ (* alpha lam lam lam rho rho) (* 2 alpha lam lam rho) (* alpha lam) (- beta) (- 1)))
; Powers of z = x + iy: re_j + i im_j = z^j.
(define-fun re2 ((x Real) (y Real)) Real (- (* x x) (* y y)))
(define-fun im2 ((x Real) (y Real)) Real (+ (* x y) (* y x)))
; Real and imaginary parts of p(x + iy).
(define-fun p_re ((x Real) (y Real)) Real (+ c0 (* c1 x) (re2 x y)))
(define-fun p_im ((x Real) (y Real)) Real (+ (* c1 y) (im2 x y)))
; x + iy is a root of p strictly outside the closed unit disk.
(define-fun root_outside ((x Real) (y Real)) Bool (and (= (p_re x y) 0) (= (p_im x y) 0) (> (+ (* x x) (* y y)) 1)))

; Negation: some eigenvalue in R has a root z = x + iy of p with x^2 + y^2 > 1.
(declare-const x Real)
(declare-const y Real)
(assert in_region)
(assert (root_outside x y))
(check-sat)

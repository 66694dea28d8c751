import torch
from torch.distributions import Normal

torch.manual_seed(0)

n, d, sigma, lambd = 20, 200, 0.01, 3.0
tau = (2 * sigma ** 2 / (n * lambd)) ** 0.5  # (1)!
print(f"lambda = 3: tau^2 = {tau ** 2:.2g}, tau = {tau:.2g}")
print(f"tau = 0.01, the size of the true weights: lambda = 2 sigma^2 / (n tau^2) = {2 * sigma ** 2 / (n * 0.01 ** 2):.2g}")

X, y = torch.randn(n, d, dtype=torch.float64), torch.randn(n, dtype=torch.float64)
w = torch.randn(d, dtype=torch.float64, requires_grad=True)
lab = ((X @ w - y) ** 2).mean() + lambd / 2 * (w ** 2).sum()
nlp = -Normal(X @ w, sigma).log_prob(y).sum() - Normal(0.0, tau).log_prob(w).sum()
g_lab, g_nlp = torch.autograd.grad(lab, w)[0], torch.autograd.grad(nlp, w)[0]
print("grad of -log posterior = n / (2 sigma^2) * grad of the lab's loss:",
      torch.allclose(g_nlp, n / (2 * sigma ** 2) * g_lab))  # (2)!
s = torch.linalg.eigvalsh(X @ X.T)  # (3)!
keep = s / (s + n * lambd / 2)
print(f"along the {n} directions of the data, the minimizer keeps {keep.min():.2f} to {keep.max():.2f} "
      f"of the interpolant's component")

import torch
from torch.distributions import Normal

torch.manual_seed(0)

n, d, sigma, tau = 30, 5, 0.5, 0.25
X = torch.randn(n, d, dtype=torch.float64)
y = X @ torch.randn(d, dtype=torch.float64) + sigma * torch.randn(n, dtype=torch.float64)

w = torch.zeros(d, dtype=torch.float64, requires_grad=True)
opt = torch.optim.LBFGS([w], max_iter=200, tolerance_grad=1e-12, tolerance_change=1e-15,
                        line_search_fn="strong_wolfe")


def neg_log_posterior():
    opt.zero_grad()
    loss = -Normal(X @ w, sigma).log_prob(y).sum() - Normal(0.0, tau).log_prob(w).sum()
    loss.backward()
    return loss


opt.step(neg_log_posterior)
lambd = sigma ** 2 / tau ** 2  # (1)!
ridge = torch.linalg.solve(X.T @ X + lambd * torch.eye(d, dtype=torch.float64), X.T @ y)
print(f"lambda = sigma^2 / tau^2 = {lambd}")
print("max |MAP - ridge| < 1e-6:", ((w.detach() - ridge).abs().max() < 1e-6).item())

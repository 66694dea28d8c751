import torch

torch.manual_seed(0)

x = torch.randn(5, dtype=torch.float64)
w = torch.randn(5, dtype=torch.float64)
y, sigma_x = torch.tensor(0.3, dtype=torch.float64), 0.2

eps = sigma_x * torch.randn(1_000_000, 5, dtype=torch.float64)  # (1)!
noisy = (((x + eps) @ w - y) ** 2).mean()
penalized = (x @ w - y) ** 2 + sigma_x ** 2 * (w ** 2).sum()  # (2)!
print(f"Monte Carlo average: {noisy.item():.4f}; loss + penalty: {penalized.item():.4f}")
print(f"relative gap {((noisy - penalized) / penalized).abs().item():.1e}")

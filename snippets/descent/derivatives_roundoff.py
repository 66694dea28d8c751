import torch

torch.manual_seed(0)


def g(x):
    return x**3


x = torch.tensor(2.0, dtype=torch.float64)
exact = 3 * x**2
eps = torch.finfo(torch.float64).eps  # (1)!
print(f"float64 eps = {eps:.1e}, eps^(1/3) = {eps ** (1 / 3):.0e}")
print("     h  |central error|  h^2 (truncation)  eps*|g(x)|/h (rounding, worst-case order)")
for h in [1e-2, 1e-4, 1e-5, 1e-6, 1e-8, 1e-10, 1e-12]:
    central = (g(x + h) - g(x - h)) / (2 * h)
    error = (central - exact).abs().item()
    print(f"{h:6.0e}  {error:15.0e}  {h * h:16.0e}  {eps * g(x).item() / h:38.0e}")  # (2)!

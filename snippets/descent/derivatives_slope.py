import torch

torch.manual_seed(0)


def g(x):
    return x**3


x = torch.tensor(2.0, dtype=torch.float64)
exact = 3 * x**2  # (1)!

for h in [1e-1, 1e-2, 1e-3, 1e-4]:
    forward = (g(x + h) - g(x)) / h  # (2)!
    central = (g(x + h) - g(x - h)) / (2 * h)  # (3)!
    print(f"h={h:.0e}  forward error {(forward - exact).item():.2e}"
          f"  central error {(central - exact).item():.2e}")

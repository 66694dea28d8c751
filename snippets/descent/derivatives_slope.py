import torch

torch.manual_seed(0)


def g(x):
    return x**3


x = torch.tensor(2.0, dtype=torch.float64)
exact = 3 * x**2  # (1)!

errors = []
for h in [1e-1, 1e-2, 1e-3, 1e-4]:
    forward = (g(x + h) - g(x)) / h  # (2)!
    central = (g(x + h) - g(x - h)) / (2 * h)  # (3)!
    errors.append(((forward - exact).item(), (central - exact).item()))
    print(f"h={h:.0e}  forward error {errors[-1][0]:.2e}  central error {errors[-1][1]:.2e}")
(f1, c1), (f2, c2) = errors[:2]
print(f"h / 10: forward error / {f1 / f2:.0f}, central error / {c1 / c2:.0f}")

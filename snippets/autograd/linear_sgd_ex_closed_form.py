import torch

torch.manual_seed(0)

xs = [1.0, 2.0, 3.0]
ys = [2.0, 4.0, 6.0]
lr = 0.01
w = torch.tensor([1.0], dtype=torch.float64, requires_grad=True)

for epoch in range(10):
    for x, y in zip(xs, ys):
        ((x * w - y) ** 2).backward()
        with torch.no_grad():
            w -= lr * w.grad
        w.grad.zero_()

factors = [1 - 2 * lr * x**2 for x in xs]
rho = factors[0] * factors[1] * factors[2]  # (1)!
predicted = 2 - rho**10 * (2 - 1.0)
print("factors:", " ".join(f"{f:.2f}" for f in factors), f" rho = {rho:.6f}  rho^2 = {rho**2:.4f}")
print(f"trained: {w.item():.4f}  predicted: {predicted:.4f}")
print("|trained - predicted| < 1e-12:", abs(w.item() - predicted) < 1e-12)

import torch

torch.manual_seed(0)

xs = [1.0, 2.0, 3.0]
ys = [2.0, 4.0, 6.0]
w = torch.tensor([1.0], requires_grad=True)
lr = 0.01

means = []
for epoch in range(100):
    total = 0.0
    for x, y in zip(xs, ys):
        loss = (x * w - y) ** 2  # (1)!
        loss.backward()
        with torch.no_grad():  # (2)!
            w -= lr * w.grad
        w.grad.zero_()  # (3)!
        total += loss.item()  # (4)!
    means.append(total / 3)

for epoch in [1, 10, 20, 30]:
    print(f"epoch {epoch:3d}  mean loss {means[epoch - 1]:.2e}")
print("epochs 40-100  mean loss < 1e-9:", max(means[39:]) < 1e-9)
print("w == 2 - 3 * 2**-23:", w.item() == 2 - 3 * 2**-23)
g = (3 * w - 6).item()  # (5)!
print(f"at x = 3: 3w - 6 in float32 = {g / 2**-20} * 2**-20, exact {(3 * (2 - 3 * 2**-23) - 6) / 2**-20} * 2**-20")
print("lr * dl/dw < half a spacing (2**-24):", abs(lr * 2 * 3 * g) < 2**-24)

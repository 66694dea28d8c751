import torch

torch.manual_seed(0)

xs = [1.0, 2.0, 3.0]
ys = [2.0, 4.0, 6.0]
w = torch.tensor([1.0], requires_grad=True)
lr = 0.01

for epoch in range(100):
    total = 0.0
    for x, y in zip(xs, ys):
        loss = (x * w - y) ** 2  # (1)!
        loss.backward()
        with torch.no_grad():  # (2)!
            w -= lr * w.grad
        w.grad.zero_()  # (3)!
        total += loss.item()  # (4)!
    if epoch % 20 == 19:
        print(f"epoch {epoch + 1:3d}  mean loss {total / 3:.3e}")

print("w =", w.item())
print("predict x=4:", (4 * w).item())

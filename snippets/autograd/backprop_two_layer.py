import torch

torch.manual_seed(0)

X = torch.randn(8, 3, dtype=torch.float64)  # a batch: N = 8 samples, 3 features
Y = torch.randn(8, 2, dtype=torch.float64)
W1 = torch.randn(4, 3, dtype=torch.float64, requires_grad=True)
b1 = torch.randn(4, dtype=torch.float64, requires_grad=True)
W2 = torch.randn(2, 4, dtype=torch.float64, requires_grad=True)
b2 = torch.randn(2, dtype=torch.float64, requires_grad=True)

Z1 = X @ W1.T + b1
H = Z1.relu()
Y_hat = H @ W2.T + b2
loss = ((Y_hat - Y) ** 2).mean()  # MSE over all 8 x 2 entries
loss.backward()

with torch.no_grad():
    dY = 2 * (Y_hat - Y) / Y.numel()  # (1)!
    dW2, db2 = dY.T @ H, dY.sum(0)  # (2)!
    dH = dY @ W2  # (3)!
    dZ1 = dH * (Z1 > 0)  # (4)!
    dW1, db1 = dZ1.T @ X, dZ1.sum(0)

print(f"loss {loss.item():.4f}")
hand, auto = [dW1, db1, dW2, db2], [W1.grad, b1.grad, W2.grad, b2.grad]
print("shapes:", [tuple(g.shape) for g in hand])
diff = max((h - a).abs().max().item() for h, a in zip(hand, auto))
print("max |hand - autograd| < 1e-12:", diff < 1e-12)

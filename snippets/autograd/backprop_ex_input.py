import torch

torch.manual_seed(0)

X = torch.randn(8, 3, dtype=torch.float64, requires_grad=True)
Y = torch.randn(8, 2, dtype=torch.float64)
W1, b1 = torch.randn(4, 3, dtype=torch.float64), torch.randn(4, dtype=torch.float64)
W2, b2 = torch.randn(2, 4, dtype=torch.float64), torch.randn(2, dtype=torch.float64)

Z1 = X @ W1.T + b1
Y_hat = Z1.relu() @ W2.T + b2
((Y_hat - Y) ** 2).mean().backward()

with torch.no_grad():
    dY = 2 * (Y_hat - Y) / Y.numel()
    dZ1 = (dY @ W2) * (Z1 > 0)
    dX = dZ1 @ W1  # (1)!
print("dX shape:", tuple(dX.shape))
print("max |hand - autograd| < 1e-12:", (dX - X.grad).abs().max().item() < 1e-12)

import torch

torch.manual_seed(0)

A = torch.tensor([[3.0, 0.5], [0.5, 1.0]], dtype=torch.float64)
grad = lambda p: A @ p  # (1)!
lr, mu = 0.1, 0.9

p_torch = torch.tensor([1.0, -2.0], dtype=torch.float64)
p_book = p_torch.clone()
b = torch.zeros(2, dtype=torch.float64)
v = torch.zeros(2, dtype=torch.float64)
for step in range(50):
    b = mu * b + grad(p_torch)  # (2)!
    p_torch = p_torch - lr * b
    v = mu * v - lr * grad(p_book)  # (3)!
    p_book = p_book + v

print("PyTorch form:  ", p_torch)
print("textbook form: ", p_book)
print("max |difference| < 1e-12:", (p_torch - p_book).abs().max().item() < 1e-12)
print("v == -lr * b:", torch.allclose(v, -lr * b))

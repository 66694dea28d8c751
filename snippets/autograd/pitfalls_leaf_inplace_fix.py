import torch

torch.manual_seed(0)

w = torch.tensor([1.0, 2.0], requires_grad=True)
loss = (w * w).sum()
loss.backward()
with torch.no_grad():  # (1)!
    w -= 0.1 * w.grad
print(w)
print("w.is_leaf", w.is_leaf, " w.grad", w.grad)

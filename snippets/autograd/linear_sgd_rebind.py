import warnings

import torch

torch.manual_seed(0)

w = torch.tensor([1.0], requires_grad=True)
loss = (1.0 * w - 2.0) ** 2
loss.backward()
w = w - 0.01 * w.grad  # (1)!
print(w)
print("w.is_leaf:", w.is_leaf)

with warnings.catch_warnings(record=True) as caught:  # (2)!
    warnings.simplefilter("always")
    grad = w.grad
print(grad, "|", str(caught[0].message).split(". ")[0])
grad.zero_()  # (3)!
